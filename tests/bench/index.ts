import { startBrowserBench } from './browser';
import { benchDbLoad } from './dbLoad.bench';
import { benchMapFirstDraw, benchRegionAsset } from './mapFirstDraw.bench';
import { benchClustering, benchColdStart, benchFilter } from './register.bench';

benchRegionAsset();
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
