// Child process of the sync benchmark: copies one table into another and prints its peak RSS, so that each
// measurement starts from a fresh heap. Argument: JSON { endpoint, source, destination }.
import { copyTable } from '@dynamo-dr/core';
import { benchClient } from './benchTables.js';

const { endpoint, source, destination } = JSON.parse(process.argv[2]!) as Record<string, string>;
const client = benchClient(endpoint!);
const result = await copyTable({ client, tableName: source! }, { client, tableName: destination! });
// maxRSS is in kilobytes (https://nodejs.org/api/process.html#processresourceusage).
console.log(JSON.stringify({ count: result.destination.count, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
