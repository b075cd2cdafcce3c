import fs from 'node:fs';

/** The pids of this process's children, from the kernel (Linux). */
export function children(): number[] {
  const tasks = fs.readdirSync(`/proc/${process.pid}/task`);
  return tasks.flatMap((task) =>
    fs.readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}
