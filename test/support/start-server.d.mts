export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash ends it: nothing is finished or handed back. */
  kill(): Promise<void>;
  output(): string;
}
export function startServer(env?: Record<string, string>): Promise<RunningServer>;
