/**
 * The CPU time the processes of one process group have used so far, read from /proc (Linux;
 * elsewhere nothing is read and the figures are absent). For a Chromium started in a group of its
 * own (tests/browser/support/unattendedChromium.ts): how much of the machine a page open takes,
 * and how much of that is the page's renderers against the browser's own processes.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcessCpu {
  readonly renderer: boolean;
  readonly ms: number;
}

export function groupCpu(pgid: number): Map<number, ProcessCpu> {
  const found = new Map<number, ProcessCpu>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After "pid (name) ": state, ppid, pgrp, … utime is field 14 and stime 15 of the whole line.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const ticks = Number(fields[11]) + Number(fields[12]);
      const renderer = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
      found.set(Number(pid), { renderer, ms: (ticks * 1000) / TICKS_PER_SECOND });
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

export interface CpuUse {
  /** Renderer processes: the page's, its sandbox's, and any spare Chromium started. */
  readonly renderersMs: number;
  /** The browser, GPU and utility (network, storage) processes. */
  readonly othersMs: number;
}

/** What the group used between two readings (a process that ended between them is left out). */
export function cpuBetween(before: Map<number, ProcessCpu>, after: Map<number, ProcessCpu>): CpuUse {
  let renderersMs = 0;
  let othersMs = 0;
  for (const [pid, now] of after) {
    const used = now.ms - (before.get(pid)?.ms ?? 0);
    if (now.renderer) renderersMs += used;
    else othersMs += used;
  }
  return { renderersMs, othersMs };
}
