// CI (npm run lint): fails when the source folders of a package import each other in a circle.
import { folderCycles, SOURCE_LAYOUTS } from './folderCycles.js';

let cycles = 0;
for (const [name, layout] of Object.entries(SOURCE_LAYOUTS)) {
  for (const cycle of await folderCycles(layout)) {
    cycles += 1;
    console.error(
      `${name}: the folders ${cycle.join(' <-> ')} import each other; move what both need into a folder of its own.`,
    );
  }
}
if (cycles > 0) process.exit(1);
console.log(`No import cycle between folders (${Object.keys(SOURCE_LAYOUTS).join(', ')}).`);
