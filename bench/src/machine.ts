import os from 'node:os';

/** The machine a run measured, printed with every result table. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** 1, 5 and 15 minute load averages: a busy machine makes every number slower. */
  loadAverage: number[];
}

export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg(),
  };
}
