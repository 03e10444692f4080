import { ENVIRONMENT_SOURCES, EnvironmentSource, loadEnvironments } from "../environments";

/** The shipped sources with `images` of one environment replaced. */
function withImages(file: string, images: unknown): EnvironmentSource[] {
  return ENVIRONMENT_SOURCES.map((s) => (s.file === file ? { ...s, input: { ...structuredClone(s.input), images } as any } : s));
}

describe("images.keepPrevious: the previously deployed images the registry keeps per environment", () => {
  test("shipped: dev and staging keep 5, prod 10", () => {
    expect(loadEnvironments().map((e) => [e.name, e.images.keepPrevious])).toEqual([["dev", 5], ["staging", 5], ["prod", 10]]);
  });

  test.each([
    [0, "Number must be greater than or equal to 1"],
    [101, "Number must be less than or equal to 100"],
    [2.5, "must be a whole number"],
  ])("%p is refused with file, field, value and the range", (value, allowed) => {
    expect(() => loadEnvironments(withImages("environments/dev.ts", { keepPrevious: value }))).toThrow(`environments/dev.ts: images.keepPrevious = ${value}: ${allowed}`);
  });

  test("a later environment keeping fewer than an earlier one is refused: the later one's rule decides for images both ran", () => {
    expect(() => loadEnvironments(withImages("environments/prod.ts", { keepPrevious: 3 }))).toThrow(
      "Invalid configuration (2 problems):\n" +
        "  environments/prod.ts: images.keepPrevious = 3: must be at least environments/dev.ts's 5 (environments are promoted in file order; a later one keeps at least as many images)\n" +
        "  environments/prod.ts: images.keepPrevious = 3: must be at least environments/staging.ts's 5 (environments are promoted in file order; a later one keeps at least as many images)",
    );
  });
});
