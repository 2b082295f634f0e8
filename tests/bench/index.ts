import { startBrowserBench } from './browser';
import { benchDashboard } from './dashboard.bench';
import { benchExport } from './export.bench';
import { benchDbLoad } from './dbLoad.bench';
import { benchMapFirstDraw, benchRegionAsset } from './mapFirstDraw.bench';
import { benchClustering, benchColdStart, benchFilter } from './register.bench';

benchRegionAsset();
benchDashboard();
await benchExport();
const browserBench = await startBrowserBench();
try {
  await benchMapFirstDraw(browserBench);
  await benchClustering(browserBench);
  await benchFilter(browserBench);
  await benchDbLoad(browserBench);
  await benchColdStart(browserBench);
} finally {
  await browserBench.close();
}
