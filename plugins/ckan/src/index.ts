import { definePlugin } from '@nautilus/sdk';
import { listPackages, searchDatasets, showDataset } from './catalog.ts';
import { ckanSettings } from './ckan-request.ts';
import { manifest } from './manifest.ts';
import { loadResource } from './resource.ts';

/** Data.gov (CKAN): `datasets`, `dataset` and `packages` (tables) and `resource` (a CSV file as table or time series). */
export default definePlugin({
  manifest,
  setup(ctx) {
    const settings = ckanSettings(ctx);
    return {
      dataSources: {
        datasets: { query: (query, signal) => searchDatasets(ctx, settings, query, signal) },
        dataset: { query: (query, signal) => showDataset(ctx, settings, query, signal) },
        packages: { query: (query, signal) => listPackages(ctx, settings, query, signal) },
        resource: { query: (query, signal) => loadResource(ctx, settings, query, signal) },
      },
    };
  },
});
