import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, apiAs, dashboardDocument, loginUi, panelDocument } from './support.ts';

const csv = (rows: string[]) => ({
  name: 'prices.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['Date,Open,High,Low,Close,Volume', ...rows].join('\n')),
});

test('an editor uploads a CSV of bars: problems are listed by row before anything is stored, then the fixed file is charted', async ({
  page,
}) => {
  await loginUi(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('nav-files').click();

  // A file with a bad date and an impossible bar: both named, nothing stored.
  await page
    .locator('input[type=file]')
    .setInputFiles(csv(['2024-01-02,10,11,9,10.5,100', 'soon,10,11,9,10.5,100', '2024-01-04,10,9,9.5,10,100']));
  await expect(page.getByTestId('upload-summary')).toContainText('CSV, 6 columns, 3 rows');
  await expect(page.getByTestId('map-close')).toContainText('Close');
  await page.getByTestId('upload-import').click();
  const problems = page.getByTestId('upload-problems');
  await expect(problems).toContainText('2 problems found; nothing was stored');
  await expect(problems).toContainText('row 3.Date');
  await expect(problems).toContainText('row 4.High');
  await expect(page.getByTestId('uploads-table')).toContainText('No files yet');

  await page
    .locator('input[type=file]')
    .setInputFiles(csv(['2024-01-02,10,11,9,10.5,100', '2024-01-03,10.5,12,10,11.5,150', '2024-01-04,11.5,12,11,11.8,120']));
  await expect(page.getByTestId('upload-summary')).toContainText('3 rows');
  await page.getByTestId('upload-name').fill('My prices');
  await page.getByTestId('upload-import').click();
  await expect(page.getByText('My prices stored: 3 rows.')).toBeVisible();
  await expect(page.getByTestId('uploads-table')).toContainText('My prices');

  const admin = await apiAs('admin', ADMIN_PASSWORD);
  const list = await admin.call('uploads.list', undefined, 'GET');
  const upload = list.data.find((item: { name: string }) => item.name === 'My prices');
  const id = await admin.createDashboard({
    ...dashboardDocument('Uploaded', [
      panelDocument(
        'mine',
        'nautilus.widgets-core/candlestick',
        { x: 0, y: 0, w: 24, h: 9 },
        {
          query: { dataSource: 'nautilus.core/uploads', params: { upload: upload.id } },
        },
      ),
    ]),
    timeRange: { from: '2024-01-01', to: '2024-01-05' },
  });
  await page.goto(`/#/d/${id}`);
  await expect(page.getByTestId('panel-mine')).toHaveAttribute('data-state', 'drawn');
});
