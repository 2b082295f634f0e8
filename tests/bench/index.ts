import { startBrowserBench } from './browser';
import { benchDashboard } from './dashboard.bench';
import { benchExport } from './export.bench';
import { benchImport } from './import.bench';
import { benchBackup } from './backup.bench';
import { benchDbLoad } from './dbLoad.bench';
import { benchExchange } from './exchange.bench';
import { benchImportPage } from './importPage.bench';
import { benchMapFirstDraw, benchRegionAsset } from './mapFirstDraw.bench';
import { benchClustering, benchColdStart, benchFilter, benchRegisterRefresh } from './register.bench';

// `npm run bench -- export` runs only the named groups (regions, dashboard, export, import, browser); none runs all.
// Parts of the browser group run alone as browser:<part> (firstdraw, cluster, filter, dbload, exchange, importpage, coldstart, refresh, backup).
const groups = process.argv.slice(2);
const wants = (group: string): boolean => groups.length === 0 || groups.includes(group);
const BROWSER_PARTS = ['firstdraw', 'cluster', 'filter', 'dbload', 'exchange', 'importpage', 'coldstart', 'refresh', 'backup'] as const;
const browserParts = BROWSER_PARTS.filter((part) => wants('browser') || groups.includes(`browser:${part}`));

if (wants('regions')) benchRegionAsset();
if (wants('dashboard')) benchDashboard();
if (wants('export')) await benchExport();
if (wants('import')) benchImport();
if (browserParts.length > 0) {
  const browserBench = await startBrowserBench();
  const runs = { firstdraw: benchMapFirstDraw, cluster: benchClustering, filter: benchFilter, dbload: benchDbLoad, exchange: benchExchange, importpage: benchImportPage, coldstart: benchColdStart, refresh: benchRegisterRefresh, backup: benchBackup };
  try {
    for (const part of browserParts) await runs[part](browserBench);
  } finally {
    await browserBench.close();
  }
}
