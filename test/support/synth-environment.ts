import NodeEnvironment from "jest-environment-node";

type Formatter = (error: unknown, frames: NodeJS.CallSite[]) => unknown;

/**
 * The infra tests' environment: Node's, except for the stack traces cdktf records at every token it
 * creates (`Error.captureStackTrace` on a plain object, read at once). Under jest each of those was
 * formatted through jest's source-map support, about a tenth of the infra tests' CPU; they now get V8's
 * own format, as main.ts gives them outside DEBUG, cut to the 10 innermost frames (V8's default limit; cdktf
 * lifts it to record whole stacks, and formatting 30-odd jest frames per token was a fifth of a fuzz
 * synthesis). Errors keep jest's source-mapped, whole stacks.
 */
export default class SynthEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    const sandboxError = this.global.Error as ErrorConstructor & { prepareStackTrace?: Formatter };
    const framesKept = 10;
    sandboxError.prepareStackTrace = (error, frames) => {
      const isError = Object.prototype.toString.call(error) === "[object Error]";
      // Read at each call: jest installs its formatter on this realm's Error after the environment is made.
      const jestFormatter = (Error as { prepareStackTrace?: Formatter }).prepareStackTrace;
      if (isError && jestFormatter) return jestFormatter(error, frames);
      return [isError ? String(error) : "Error", ...frames.slice(0, framesKept).map((frame) => `    at ${frame}`)].join("\n");
    };
  }
}
