import type { Page } from '@playwright/test';

/**
 * Switches the work area in the top bar (场景台账 / 试点项目 / 伙伴单位 / 统计 / 交换与备份). The page is
 * brought to the front first: with several profiles open only the front window gets animation
 * frames, which clicks wait for.
 */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.bringToFront();
  await page.locator('.atlas-sections .ant-segmented-item', { hasText: name }).click();
}
