export { PRICE_TABLE, type Price, type RegionPrices } from './priceTable.js';
export { readTableSizes, type IndexSize, type TableSizes } from './costCalls.js';
export { STORAGE_OVERHEAD_BYTES_PER_ITEM, tableCost, type TableCost } from './tableCost.js';
export { checkRunbookClaim, type RunbookClaimCheck } from './runbookClaim.js';
export { regionPrices, runCostEstimate, type CostOptions, type CostReport } from './runCostEstimate.js';
export { formatUsd } from './formatUsd.js';
