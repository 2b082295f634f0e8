import { startBrowserBench } from './browser';
import { benchMapFirstDraw, benchRegionAsset } from './mapFirstDraw.bench';

benchRegionAsset();
const browserBench = await startBrowserBench();
try {
  await benchMapFirstDraw(browserBench);
} finally {
  await browserBench.close();
}
