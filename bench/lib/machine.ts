import os from 'node:os';

/** The machine a result was measured on: every benchmark result carries it. */
export interface Machine {
  cpuModel: string;
  cores: number;
  totalMemoryGiB: number;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
  };
}

export function formatMachine(m: Machine): string {
  return [`Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB RAM`, `Runtime: Node ${m.node} on ${m.os}`].join('\n');
}
