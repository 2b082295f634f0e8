import { startBrowserBench } from './browser';
import { benchDashboard } from './dashboard.bench';
import { benchExport } from './export.bench';
import { benchImport } from './import.bench';
import { benchDbLoad } from './dbLoad.bench';
import { benchExchange } from './exchange.bench';
import { benchMapFirstDraw, benchRegionAsset } from './mapFirstDraw.bench';
import { benchClustering, benchColdStart, benchFilter } from './register.bench';

// `npm run bench -- export` runs only the named groups (regions, dashboard, export, import, browser); none runs all.
const groups = process.argv.slice(2);
const wants = (group: string): boolean => groups.length === 0 || groups.includes(group);

if (wants('regions')) benchRegionAsset();
if (wants('dashboard')) benchDashboard();
if (wants('export')) await benchExport();
if (wants('import')) benchImport();
if (wants('browser')) {
  const browserBench = await startBrowserBench();
  try {
    await benchMapFirstDraw(browserBench);
    await benchClustering(browserBench);
    await benchFilter(browserBench);
    await benchDbLoad(browserBench);
    await benchExchange(browserBench);
    await benchColdStart(browserBench);
  } finally {
    await browserBench.close();
  }
}
