import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
  /** Resident set size in bytes. */
  readonly rssBytes: number;
}

const PAGE_SIZE = 4096;

/** /proc/<pid>/stat of one process, or undefined when it is gone (Linux only). */
export function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]), rssBytes: Number(rest[21]) * PAGE_SIZE };
}

/** Every live process on the machine (races with exiting processes are skipped). */
export function allProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = procStat(Number(name));
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The process and all its descendants. */
export function processTree(rootPid: number, all: readonly ProcStat[] = allProcesses()): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const p of all) {
    const list = children.get(p.ppid);
    if (list === undefined) children.set(p.ppid, [p]);
    else list.push(p);
  }
  const root = all.find((p) => p.pid === rootPid);
  if (root === undefined) return [];
  const out: ProcStat[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop() as ProcStat;
    out.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/** Resident memory of a process and its descendants (e.g. node + Chromium and its renderers), in bytes. */
export function treeRssBytes(rootPid: number): number {
  return processTree(rootPid).reduce((sum, p) => sum + p.rssBytes, 0);
}

/** Processes still in a process group (Chromium is launched as a group leader), zombies included. */
export function processGroupMembers(pgid: number): ProcStat[] {
  return allProcesses().filter((p) => p.pgrp === pgid);
}
