export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}
export function startServer(env?: Record<string, string>): Promise<RunningServer>;
