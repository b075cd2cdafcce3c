import fs from 'node:fs';

/** The pids of this process's children, from the kernel (Linux). */
export function children(): number[] {
  const tasks = fs.readdirSync(`/proc/${process.pid}/task`);
  return tasks.flatMap((task) =>
    fs.readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

/**
 * The pids of every live process carrying `mark` in its environment (`DDR_TEST_MARK`): a process started with it and
 * any child it spawned (children inherit the environment), however they were re-parented. Read from the kernel (Linux).
 */
export function marked(mark: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      const state = /^State:\s+(\w)/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (environ.includes(`DDR_TEST_MARK=${mark}\0`) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // gone meanwhile, or another user's
    }
  }
  return pids;
}

/** Waits until no process carries `mark`; resolves to those still alive after `ms`. */
export async function untilGone(mark: string, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (marked(mark).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return marked(mark);
}
