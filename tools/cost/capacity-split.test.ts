import { splitTasks } from "./capacity-split";

describe("how ECS splits tasks between FARGATE and FARGATE_SPOT", () => {
  test("no strategy: the launch type, all on-demand", () => {
    expect(splitTasks(3, undefined)).toEqual({ onDemand: 3, spot: 0 });
  });

  test("the base is placed first, the rest by weight", () => {
    const strategy = [
      { capacity_provider: "FARGATE", base: 1, weight: 1 },
      { capacity_provider: "FARGATE_SPOT", base: 0, weight: 3 },
    ];
    expect(splitTasks(5, strategy)).toEqual({ onDemand: 2, spot: 3 });
    expect(splitTasks(1, strategy)).toEqual({ onDemand: 1, spot: 0 });
    expect(splitTasks(0, strategy)).toEqual({ onDemand: 0, spot: 0 });
  });

  test("Spot only", () => {
    expect(splitTasks(2, [{ capacity_provider: "FARGATE_SPOT", weight: 1 }])).toEqual({ onDemand: 0, spot: 2 });
  });
});
