import type { ServiceName } from './service-names.js';
import { launchService, type ExitStatus, type ServiceProcess, type ServiceSpec } from './service-process.js';

export interface ServiceSupervisor {
  /** Starts the service unless it is running or starting, and waits until it is healthy. */
  start(name: ServiceName): Promise<void>;
  /** Stops it (after its start, if one is under way) and waits until it has exited. */
  stop(name: ServiceName): Promise<void>;
  /** Stops every service; nothing can be started afterwards. */
  stopAll(): Promise<void>;
  /** The process id of the service while it runs: the bench reads its memory in `/proc`. */
  pid(name: ServiceName): number | undefined;
}

/** Keeps track of which services run, so each runs at most once and none starts after `stopAll`. */
export function superviseServices(
  specs: Record<ServiceName, ServiceSpec>,
  onUnexpectedExit?: (name: ServiceName, status: ExitStatus) => void,
): ServiceSupervisor {
  const running = new Map<ServiceName, ServiceProcess>();
  const starting = new Map<ServiceName, Promise<void>>();
  let closed = false;

  async function launch(name: ServiceName): Promise<void> {
    const service = await launchService(specs[name]);
    running.set(name, service);
    void service.exited.then((status) => {
      if (running.get(name) === service) running.delete(name);
      if (!service.stopRequested && !closed) onUnexpectedExit?.(name, status);
    });
  }

  const supervisor: ServiceSupervisor = {
    start(name) {
      if (closed) return Promise.reject(new Error(`Cannot start ${name}: the stack is stopping.`));
      if (running.has(name)) return Promise.resolve();
      let start = starting.get(name);
      if (!start) {
        start = launch(name).finally(() => starting.delete(name));
        starting.set(name, start);
      }
      return start;
    },
    async stop(name) {
      await starting.get(name)?.catch(() => undefined);
      await running.get(name)?.stop();
    },
    async stopAll() {
      closed = true;
      await Promise.all((Object.keys(specs) as ServiceName[]).map(supervisor.stop));
    },
    pid: (name) => running.get(name)?.pid,
  };
  return supervisor;
}
