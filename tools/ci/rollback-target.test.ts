import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Git, rollbackRefusal } from "./rollback-target";

/** A throwaway repository: two commits on main, one on a side branch. */
const dir = mkdtempSync(join(tmpdir(), "rollback-target-"));
const git: Git = (args) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const commit = (message: string) => {
  writeFileSync(join(dir, "f"), message);
  git(["add", "f"]);
  git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message]);
  return git(["rev-parse", "HEAD"]).trim();
};
git(["init", "-q", "-b", "main"]);
const old = commit("old");
const head = commit("head");
git(["checkout", "-q", "-b", "side"]);
const side = commit("side");
git(["checkout", "-q", "main"]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a full SHA on main is accepted, the head and an older commit alike", () => {
  expect(rollbackRefusal(old, "main", git)).toBeUndefined();
  expect(rollbackRefusal(head, "main", git)).toBeUndefined();
});

test.each([
  ["a short SHA", () => old.slice(0, 7), "is not a full commit SHA"],
  ["a branch name", () => "main", "is not a full commit SHA"],
  ["upper-case hex", () => old.toUpperCase(), "is not a full commit SHA"],
  ["an unknown commit", () => "0".repeat(40), "is not a commit of this repository"],
  ["a commit not merged to main", () => side, "is not on main"],
])("%s is refused with the reason", (_, sha, reason) => {
  expect(rollbackRefusal(sha(), "main", git)).toContain(reason);
});
