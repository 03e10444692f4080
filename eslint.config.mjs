// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules over the whole repository,
// without type information (fast; `tsc --noEmit` type-checks). Formatting is Prettier's (`npm run format`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/node_modules/", "cdktf.out/", "**/dist/", "coverage/", ".gen/", ".bench/", "services/news-api/client/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        Buffer: "readonly",
      },
    },
    rules: {
      // Synthesized Terraform JSON and AWS/GitHub API documents are untyped data read by key: `any` stays allowed.
      "@typescript-eslint/no-explicit-any": "off",
      // `_name` marks a value kept for its position or left out of a rest object on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Prettier wraps code at 140 but never breaks a comment, string or template literal: those are held to the
      // same width here (split long messages with `+` into pieces; the text stays the same).
      "max-len": ["error", { code: 140, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Plain JavaScript: jest configs and the Lambda handler are CommonJS on Node.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { exports: "writable", fetch: "readonly", AbortSignal: "readonly", setTimeout: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // TypeScript checks names itself (tsc --noEmit); ESLint's no-undef does not know its types.
    files: ["**/*.ts"],
    rules: {
      "no-undef": "off",
      "no-restricted-syntax": [
        "error",
        {
          // It makes a temporary directory for every app and never removes it (hundreds a run).
          selector: "CallExpression[callee.object.name='Testing'][callee.property.name='app']",
          message: "Use testingApp() from test/support/testing-app.ts: Testing.app() leaves a temporary directory behind.",
        },
      ],
    },
  },
);
