/**
 * Average task count over a week, from the service's minimum and its scheduled actions (Application
 * Auto Scaling cron expressions as synthesized, e.g. `cron(0 20 ? * MON-FRI *)`). Time zones shift
 * when the changes happen, not how long they last, so the week is simulated in UTC hours.
 */
export interface ScheduledCapacity {
  /** cron(minute hour day-of-month month day-of-week year). */
  readonly schedule: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function dayMatches(field: string, day: number): boolean {
  if (field === "*" || field === "?") return true;
  return field.split(",").some((part) => {
    const [from, to] = part.split("-").map((d) => (/^\d+$/.test(d) ? (Number(d) - 1) % 7 : DAYS.indexOf(d.toUpperCase())));
    if (from < 0 || (to !== undefined && to < 0)) throw new Error(`unsupported day-of-week "${field}"`);
    return to === undefined ? day === from : day >= from && day <= to;
  });
}

function parse(schedule: string): { hour: number; days: string } {
  const match = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+)(?: (\S+))?\)$/.exec(schedule);
  if (!match || !/^\d+$/.test(match[2]) || (match[3] !== "?" && match[3] !== "*")) {
    throw new Error(`the cost estimate understands daily/weekly cron(m h ? * days *) schedules only, got ${schedule}`);
  }
  return { hour: Number(match[2]), days: match[5] };
}

/** Tasks running in each hour of a week, assuming the service sits at the minimum its latest scheduled action allows. */
export function weeklyTasks(baseline: number, actions: readonly ScheduledCapacity[]): number[] {
  const week = 7 * 24;
  if (actions.length === 0) return new Array<number>(week).fill(baseline);
  const parsed = actions.map((a) => ({ ...a, ...parse(a.schedule) }));
  let tasks = baseline;
  // Two passes: the first settles the state carried over from the previous week.
  let hours: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    hours = [];
    for (let h = 0; h < week; h++) {
      const day = Math.floor(h / 24);
      for (const action of parsed)
        if (action.hour === h % 24 && dayMatches(action.days, day))
          tasks = Math.min(Math.max(baseline, action.minCapacity), action.maxCapacity);
      hours.push(tasks);
    }
  }
  return hours;
}

/** Mean tasks running over the week (see weeklyTasks). */
export function averageTasks(baseline: number, actions: readonly ScheduledCapacity[]): number {
  const hours = weeklyTasks(baseline, actions);
  return hours.reduce((sum, n) => sum + n, 0) / hours.length;
}
