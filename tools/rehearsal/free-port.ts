import { createServer } from "node:net";

function tryListen(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : undefined));
    });
  });
}

/** `preferred` if nothing listens there, else a port the kernel hands out (a busy port is not an error). */
export async function freePort(preferred: number, host = "127.0.0.1"): Promise<number> {
  const port = (await tryListen(preferred, host)) ?? (await tryListen(0, host));
  if (port === undefined) throw new Error(`no free TCP port on ${host}`);
  return port;
}
