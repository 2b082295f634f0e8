import type { Locator, Page, TestInfo } from '@playwright/test';
import { completeFirstRun } from './steps/firstRun';
import { chooseOption, createScenarioViaForm, pickRadio, tableRow } from './steps/register';
import { expect, test } from './fixtures';
import { openSection } from './steps/sections';

const SCENARIO = '华西医院脑机接口康复训练病区';
const PARTNER = '深圳脑机科技有限公司';
// A real, valid unified social credit code; the wrong one differs in its check character only.
const CREDIT_CODE = '91440300708461136T';
const WRONG_CODE = '91440300708461136A';
const PILOT = '非侵入式脑机接口康复训练试点';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // antd fades messages in; wait until every one on screen is drawn, so the picture shows what the person reads.
  for (const message of await page.locator('.ant-form-item-explain-error').all()) await expect(message).toHaveCSS('opacity', '1');
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/**
 * Types a date into an antd DatePicker labelled `label` and leaves it with Tab, which commits it.
 * (Enter would commit it too, but also submit the surrounding form, as Enter does in any form.)
 */
async function typeDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  await expect(input).toHaveValue(date);
}

/** Answers the scenario status offer that follows a stage move. */
async function acceptOffer(page: Page, text: RegExp): Promise<void> {
  const offer = page.locator('.ant-modal-confirm', { hasText: '同步场景状态？' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(text);
  await offer.getByRole('button', { name: '变更场景状态' }).click();
  await expect(offer).toBeHidden();
}

/** Moves the pilot of the open detail drawer to `stage`, filling what the dialog asks for. */
async function moveStage(page: Page, detail: Locator, stage: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await detail.getByRole('button', { name: '变更阶段' }).click();
  const dialog = page.getByRole('dialog', { name: '变更试点阶段' });
  await expect(dialog).toBeVisible();
  await dialog.locator('label', { hasText: new RegExp(`^${stage}$`) }).click();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: '确认变更' }).click();
  await expect(dialog).toBeHidden();
}

test('a county office registers a partner, runs a pilot to 实施中 and the scenario follows on request', async ({ page }, testInfo) => {
  // A long flow on a shared, slow machine: more time than the default, never sleeps.
  test.setTimeout(600_000); // a long story: partner, pilot, four stages, offers, board and table
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message.slice(0, 1500)));
  await page.goto('/');
  // The first-run dialog is loaded lazily after the map; under load that can take longer than 15 s.
  await expect(page.getByRole('dialog', { name: '欢迎使用场景开放与试点台账' })).toBeVisible({ timeout: 90_000 });
  await completeFirstRun(page);
  await createScenarioViaForm(page, { title: SCENARIO, field: '医疗健康', direction: '非侵入式脑机接口', ownerUnit: '四川大学华西医院' });
  const register = page.getByRole('complementary');
  await register.getByRole('button', { name: '变更状态' }).click();
  const statusDialog = page.getByRole('dialog', { name: '变更状态' });
  await pickRadio(statusDialog, '已开放');
  await statusDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(register.getByTestId('scenario-status')).toHaveText('已开放');

  // ---- 伙伴单位: a wrong credit code is refused with the rule it breaks; nothing is saved.
  await openSection(page, '伙伴单位');
  await expect(page.getByRole('heading', { name: '伙伴单位' })).toBeVisible();
  await page.getByRole('button', { name: '登记伙伴单位' }).click();
  const partnerDrawer = page.getByRole('dialog', { name: '登记伙伴单位' });
  await partnerDrawer.getByLabel('单位名称').fill(PARTNER);
  await chooseOption(page, partnerDrawer, '单位类型', '企业');
  await partnerDrawer.getByLabel('统一社会信用代码').fill(WRONG_CODE);
  await partnerDrawer.getByLabel('联系人').fill('王工');
  await partnerDrawer.getByLabel('联系电话').fill('13800138000');
  await partnerDrawer.getByRole('button', { name: '保存' }).click();
  await expect(partnerDrawer).toContainText('第 18 位（校验码）应为“T”，现为“A”；请逐位核对');
  await shot(page, testInfo, '01-partner-wrong-code');
  await partnerDrawer.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
  await expect(partnerDrawer).toContainText('工商 · 企业 · 登记机关 440300');
  await partnerDrawer.getByRole('button', { name: '保存' }).click();
  await expect(partnerDrawer).toBeHidden();
  await expect(tableRow(page, PARTNER)).toContainText(CREDIT_CODE);

  // The same organisation again (code typed in lower case with spaces) points at the first.
  await page.getByRole('button', { name: '登记伙伴单位' }).click();
  const again = page.getByRole('dialog', { name: '登记伙伴单位' });
  await again.getByLabel('单位名称').fill('深圳脑机（重复）');
  await again.getByLabel('统一社会信用代码').fill('9144 0300 7084 6113 6t');
  await expect(again).toContainText(`已登记为伙伴单位“${PARTNER}”`);
  await shot(page, testInfo, '02-partner-duplicate');
  await again.getByRole('button', { name: `打开已有记录“${PARTNER}”` }).click();
  const existing = page.getByRole('dialog', { name: '编辑伙伴单位' });
  await expect(existing.getByLabel('单位名称')).toHaveValue(PARTNER);
  await existing.getByRole('button', { name: '取消' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await shot(page, testInfo, '03-partner-registry');

  // ---- 新建试点 from the scenario's detail in the register.
  await openSection(page, '场景台账');
  await tableRow(page, SCENARIO).click();
  const pilots = register.getByTestId('scenario-pilots');
  await expect(pilots.getByTestId('partner-slots')).toHaveText('伙伴名额 1 个，空余 1 个');
  await pilots.getByRole('button', { name: '新建试点' }).click();
  const form = page.getByRole('dialog', { name: '新建试点项目' });
  await form.getByLabel('项目名称').fill(PILOT);
  await chooseOption(page, form, '技术方向', '非侵入式脑机接口');
  await chooseOption(page, form, '伙伴单位', PARTNER);
  await form.getByRole('heading', { name: '基本信息' }).click(); // closes the multi-select's list
  await form.getByRole('button', { name: '保存' }).click();
  // A medical scenario's pilot needs its registration and ethics state: refused, per field.
  await expect(form).toContainText('医疗健康场景的试点需填写医疗器械注册和伦理审批状态');
  await chooseOption(page, form, '医疗器械注册', '计划注册');
  await chooseOption(page, form, '伦理审批', '审批中');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const detail = page.getByTestId('pilot-detail');
  await expect(detail).toBeVisible();
  await expect(page.getByRole('dialog', { name: /P-510107-\d{4}-0001 · 非侵入式/ })).toBeVisible();

  // ---- Stage by stage. A jump is not offered: only 评审中 and 已终止 from 申报.
  await detail.getByRole('button', { name: '变更阶段' }).click();
  const stageDialog = page.getByRole('dialog', { name: '变更试点阶段' });
  await expect(stageDialog.getByRole('radio')).toHaveCount(2);
  await stageDialog.getByRole('button', { name: '取消' }).click();
  await moveStage(page, detail, '评审中');
  await moveStage(page, detail, '已入选');
  // 已签约 needs planned dates; the dialog asks for them. Out of order first: refused, nothing saved.
  await detail.getByRole('button', { name: '变更阶段' }).click();
  await stageDialog.locator('label', { hasText: /^已签约$/ }).click();
  await expect(stageDialog.getByTestId('stage-needs')).toContainText('填写计划开始和结束日期');
  await typeDate(stageDialog, '计划开始日期', '2026-06-01');
  await typeDate(stageDialog, '计划结束日期', '2026-03-01');
  await stageDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(stageDialog).toContainText('计划结束日期（2026-03-01）不能早于计划开始日期（2026-06-01）');
  await shot(page, testInfo, '04-stage-dialog-refused');
  await typeDate(stageDialog, '计划结束日期', '2026-12-31');
  await stageDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(stageDialog).toBeHidden();
  await acceptOffer(page, /由“已开放”变更为“已对接”/);
  await expect(register.getByTestId('scenario-status')).toHaveText('已对接');

  // Milestones and indicators: a negative count is refused with its row named.
  await detail.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑试点项目' });
  await edit.getByRole('button', { name: '添加里程碑' }).click();
  await edit.getByLabel('里程碑 1 · 里程碑名称').fill('康复训练系统部署完成');
  await typeDate(edit, '里程碑 1 · 计划完成日期', '2026-01-15');
  await edit.getByRole('button', { name: '添加里程碑' }).click();
  await edit.getByLabel('里程碑 2 · 里程碑名称').fill('首批 50 名患者完成训练');
  await typeDate(edit, '里程碑 2 · 计划完成日期', '2026-02-10');
  await edit.getByRole('button', { name: '添加指标记录' }).click();
  await edit.getByLabel('成效指标 1 · 期间').fill('2026');
  await chooseOption(page, edit, '成效指标 1 · 指标', '康复应用人次');
  await edit.getByLabel('成效指标 1 · 数值').fill('-5');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toContainText('第 1 条指标记录的数值应为不小于 0 的整数');
  await shot(page, testInfo, '05-pilot-form-negative-indicator');
  await edit.getByLabel('成效指标 1 · 数值').fill('1200');
  await edit.getByRole('button', { name: '添加指标记录' }).click();
  await edit.getByLabel('成效指标 2 · 期间').fill('2026');
  await chooseOption(page, edit, '成效指标 2 · 指标', '服务人次');
  await edit.getByLabel('成效指标 2 · 数值').fill('860');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(detail.getByTestId('milestone')).toHaveCount(2);
  // Both are past due and not done: shown as overdue.
  await expect(detail.getByTestId('milestone').filter({ hasText: '已逾期' })).toHaveCount(2);
  await expect(detail.getByTestId('indicator-table')).toContainText('1,200');

  // 实施中 needs the actual start and, in a medical scenario, ethics approval.
  await moveStage(page, detail, '实施中', async (dialog) => {
    await expect(dialog.getByTestId('stage-needs')).toContainText('填写实际开始日期；医疗试点需先取得伦理审批');
    await typeDate(dialog, '实际开始日期', '2026-01-05');
    await chooseOption(page, dialog, '伦理审批', '已批准');
  });
  await acceptOffer(page, /由“已对接”变更为“试点中”/);
  await expect(register.getByTestId('scenario-status')).toHaveText('试点中');
  const timeline = detail.locator('.atlas-history');
  await expect(timeline.getByTestId('history-stage')).toHaveCount(4);
  await expect(timeline).toContainText('阶段 已签约 → 实施中');
  await shot(page, testInfo, '06-pilot-detail');
  await page.getByRole('dialog', { name: /P-510107-\d{4}-0001/ }).getByRole('button', { name: /^(Close|关闭)$/ }).click();
  await expect(detail).toBeHidden();
  await expect(pilots.getByTestId('scenario-pilot')).toContainText('实施中');
  await expect(register.locator('.atlas-history').first()).toContainText('已对接 → 试点中');
  await shot(page, testInfo, '07-scenario-detail-pilots');

  // ---- 试点项目: the board shows the card in 实施中, the list finds it by filter.
  await openSection(page, '试点项目');
  const column = page.getByRole('listitem', { name: '实施中（1）' });
  await expect(column.getByTestId('pilot-card')).toContainText(PILOT);
  await expect(column.getByTestId('pilot-card')).toContainText(`牵头单位：${PARTNER}`);
  await expect(column.getByTestId('pilot-card')).toContainText('逾期 2');
  await expect(page.getByRole('listitem', { name: '申报（0）' })).toBeVisible();
  await shot(page, testInfo, '08-pipeline-board');
  await page.locator('.ant-segmented-item', { hasText: '项目列表' }).click();
  await expect(tableRow(page, PILOT)).toContainText('实施中');
  await chooseOption(page, page.locator('.atlas-plan-filters'), '阶段', '验收中');
  await expect(page.getByText('没有符合条件的试点项目')).toBeVisible();
  await chooseOption(page, page.locator('.atlas-plan-filters'), '阶段', '实施中');
  await expect(tableRow(page, PILOT)).toBeVisible();
  await page.keyboard.press('Escape'); // closes the filter's list
  await shot(page, testInfo, '09-pilot-table');
  // Keyboard: the row opens with Enter, the card's move button is a button.
  await tableRow(page, PILOT).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pilot-detail')).toBeVisible();

  // A delete by mistake is undone from its message: the pilot is back with its history.
  await page.getByTestId('pilot-detail').getByRole('button', { name: '删除' }).click();
  const confirm = page.getByRole('dialog', { name: `确定删除试点项目“${PILOT}”？` });
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(confirm).toBeHidden();
  await expect(tableRow(page, PILOT)).toHaveCount(0);
  await page.locator('.ant-message').getByRole('button', { name: '撤销' }).click();
  await expect(page.getByTestId('pilot-detail')).toBeVisible();
  await expect(page.getByTestId('pilot-detail').locator('.atlas-history')).toContainText('恢复');
  await expect(tableRow(page, PILOT)).toContainText('实施中');
});
