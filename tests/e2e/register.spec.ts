import { completeFirstRun } from './steps/firstRun';
import { chooseOption, confirmDialog, createScenarioViaForm, pickRadio, switchUnit, tableRow } from './steps/register';
import { expect, test } from './fixtures';

const TITLE = '华西医院非侵入式脑机接口康复训练病房';

test('a county user logs a scenario on the map, finds it, opens it, and everything is kept', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await expect(page.getByText('台账中还没有场景')).toBeVisible();

  await createScenarioViaForm(page, { title: TITLE, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院', phone: '028-85422114' });

  // The new record is selected: detail panel, table row and a marker on the map.
  const detail = page.getByRole('complementary');
  await expect(detail.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(detail.getByTestId('scenario-status')).toHaveText('草稿');
  await expect(detail).toContainText(/510107-\d{4}-0001/);
  await expect(tableRow(page, TITLE)).toBeVisible();
  await expect(page.locator(`.scn-pin[title^="${TITLE}"]`)).toBeVisible();

  // Filter 医疗健康 + search "脑机" (Chinese without spaces).
  const filters = page.getByRole('search', { name: '筛选场景' }).or(page.getByLabel('筛选场景'));
  await chooseOption(page, filters.first(), '应用领域', '医疗健康');
  await page.getByRole('textbox', { name: '搜索场景' }).fill('脑机');
  await expect(page.getByText('显示 1 / 共 1 个场景')).toBeVisible();
  await expect(page).toHaveURL(/q=%E8%84%91%E6%9C%BA/);
  await page.getByRole('textbox', { name: '搜索场景' }).fill('没有这个词');
  await expect(page.getByText('没有符合条件的场景')).toBeVisible();
  await page.getByRole('textbox', { name: '搜索场景' }).fill('脑机');
  await expect(tableRow(page, TITLE)).toBeVisible();

  // 草稿 → 已开放 with a note; the history shows who, when and what.
  await detail.getByRole('button', { name: '变更状态' }).click();
  const statusDialog = page.getByRole('dialog', { name: '变更状态' });
  await pickRadio(statusDialog, '已开放');
  await statusDialog.getByLabel('说明').fill('经局务会审议，面向伙伴单位开放');
  await statusDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(statusDialog).toBeHidden();
  await expect(detail.getByTestId('scenario-status')).toHaveText('已开放');
  const history = detail.locator('.atlas-history');
  await expect(history).toContainText('状态变更');
  await expect(history).toContainText('草稿 → 已开放');
  await expect(history).toContainText('经局务会审议，面向伙伴单位开放');
  await expect(history).toContainText('武侯区 · 县级');
  await expect(history).toContainText('创建');

  // Reload: the record, its history and the filter in the URL are all kept.
  await page.reload();
  await expect(page.getByRole('textbox', { name: '搜索场景' })).toHaveValue('脑机');
  await expect(page.getByText('显示 1 / 共 1 个场景')).toBeVisible();
  await tableRow(page, TITLE).click();
  await expect(detail.getByTestId('scenario-status')).toHaveText('已开放');
  await expect(detail.locator('.atlas-history')).toContainText('草稿 → 已开放');
});

test('an invalid form shows per-field Chinese messages and saves nothing', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await page.getByRole('button', { name: '新建场景' }).first().click();
  const drawer = page.getByRole('dialog', { name: '新建场景' });
  await drawer.getByLabel('联系电话').fill('12345');
  await drawer.getByLabel('邮箱').fill('not-an-email');
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer).toBeVisible();
  const errors = drawer.locator('.ant-form-item-explain-error');
  await expect(errors.first()).toBeVisible();
  expect(await errors.count()).toBeGreaterThanOrEqual(5);
  await expect(drawer.locator('.ant-form-item-explain-error', { hasText: /电话/ })).toBeVisible();
  await expect(drawer.locator('.ant-form-item-explain-error', { hasText: /邮箱/ })).toBeVisible();
  await drawer.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByText('台账中还没有场景')).toBeVisible();
});

test('another unit’s record is read-only, and the UI says why', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await switchUnit(page, '锦江', /锦江区/, '县级');
  await createScenarioViaForm(page, { title: '锦江区养老院外骨骼助行试点', field: '养老服务', direction: '人机协同外骨骼', ownerUnit: '锦江区社会福利院' });
  await switchUnit(page, '武侯', /武侯区/, '县级');
  await tableRow(page, '锦江区养老院外骨骼助行试点').click();
  const detail = page.getByRole('complementary');
  await expect(detail.getByText('此记录属于锦江区，本单位只能查看，不能修改。')).toBeVisible();
  await expect(detail.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: '变更状态' })).toHaveCount(0);
});

test('two tabs editing the same record: the later save is refused, not silently overwritten', async ({ page, context }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await createScenarioViaForm(page, { title: '成都市应急救援脑控机器人演练场', field: '应急安全', direction: '脑控机器人', ownerUnit: '武侯区应急管理局' });

  // Each page is a tab and only one tab gets animation frames, which Playwright's pointer clicks wait
  // for; so the clicks in this two-tab test are dispatched to the buttons directly.
  const other = await context.newPage();
  await other.goto('/');
  await tableRow(other, '成都市应急救援脑控机器人演练场').dispatchEvent('click');
  await other.getByRole('complementary').getByRole('button', { name: '编辑' }).dispatchEvent('click');
  const otherDrawer = other.getByRole('dialog', { name: '编辑场景' });
  await otherDrawer.getByLabel('开放单位').fill('武侯区应急管理局（另一窗口）');

  await page.getByRole('complementary').getByRole('button', { name: '编辑' }).dispatchEvent('click');
  const drawer = page.getByRole('dialog', { name: '编辑场景' });
  await drawer.getByLabel('开放单位').fill('武侯区应急管理局指挥中心');
  await drawer.getByRole('button', { name: '保存' }).dispatchEvent('click');
  await expect(drawer).toBeHidden();

  await otherDrawer.getByRole('button', { name: '保存' }).dispatchEvent('click');
  await expect(otherDrawer.getByText('其他人已保存了此场景的较新版本')).toBeVisible();
  await expect(otherDrawer.getByLabel('开放单位')).toHaveValue('武侯区应急管理局（另一窗口）');
  await expect(page.getByRole('complementary')).toContainText('武侯区应急管理局指挥中心');
  await other.close();
});

test('delete is a soft delete with undo', async ({ page }) => {
  await page.goto('/');
  await completeFirstRun(page);
  await createScenarioViaForm(page, { title: '武侯祠非遗工坊AR智能眼镜传承教学', field: '非遗传承', direction: 'AR智能眼镜', ownerUnit: '武侯祠博物馆' });
  await page.getByRole('complementary').getByRole('button', { name: '删除' }).click();
  await confirmDialog(page, '删除');
  await expect(tableRow(page, '武侯祠非遗工坊AR智能眼镜传承教学')).toHaveCount(0);
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(tableRow(page, '武侯祠非遗工坊AR智能眼镜传承教学')).toBeVisible();
  await expect(page.getByRole('complementary').locator('.atlas-history')).toContainText('删除');
});

test('demo data loads from the empty state, shows on map and table, and is removed in one step', async ({ page }, testInfo) => {
  await page.goto('/');
  await completeFirstRun(page);
  await page.getByRole('button', { name: '加载演示数据' }).click();
  await expect(page.getByText(/已加载 \d+ 条演示数据/)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await expect(page.locator('.scn-pin, .scn-cluster').first()).toBeVisible();
  await page.locator('.atlas-legend').getByText('分级统计').click();
  await expect(page.locator('.scn-pin, .scn-cluster')).toHaveCount(0);
  // The regions are counted once this mode is on: the legend's scale reaches past "≥ 0".
  await expect(page.locator('.atlas-legend')).toContainText('≥ 1');
  const shot = testInfo.outputPath('register-demo.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('register-demo', { path: shot, contentType: 'image/png' });
  await page.getByRole('button', { name: '移除演示数据' }).click();
  await confirmDialog(page, '移除演示数据');
  await expect(page.getByText('台账中还没有场景')).toBeVisible({ timeout: 30_000 });
});
