import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments } from "../environments";
import { renderEnvironmentTable, TABLE_END, TABLE_START, withFreshTable } from "./environment-table";

test("the README's environment table matches environments/ (run `npm run docs` after a config change)", () => {
  const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  expect(readme).toBe(withFreshTable(readme, renderEnvironmentTable(loadEnvironments())));
});

test("the table changes when the config does", () => {
  const [dev, staging, prod] = loadEnvironments();
  const before = renderEnvironmentTable([dev, staging, prod]);
  const after = renderEnvironmentTable([dev, staging, { ...prod, database: { ...prod.database, multiAz: false } }]);
  expect(after).not.toBe(before);
  expect(after).toContain("| PostgreSQL multi-AZ | no | no | no |");
});

test("a README without the markers is an error, not a silent pass", () => {
  expect(() => withFreshTable("# no table here", "| x |")).toThrow(TABLE_START);
  expect(TABLE_END).toMatch(/^<!--/);
});
