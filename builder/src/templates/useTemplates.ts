import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import { downloadText } from './download-text.ts';

type ImportInput = Parameters<typeof trpc.templates.import.mutate>[0];
type DryRunInput = Parameters<typeof trpc.templates.dryRun.mutate>[0];
type InstantiateInput = Parameters<typeof trpc.templates.instantiate.mutate>[0];
export type DryRun = Awaited<ReturnType<typeof trpc.templates.dryRun.mutate>>;
export type ImportResult = Awaited<ReturnType<typeof trpc.templates.import.mutate>>;
export type TemplateInfo = Awaited<ReturnType<typeof trpc.templates.gallery.query>>[number];

const GALLERY_KEY = ['templates', 'gallery'] as const;

/** The gallery's templates; they ship with the server, so once per visit is enough. */
export function useTemplateGallery(enabled: boolean) {
  return useQuery({
    queryKey: GALLERY_KEY,
    queryFn: ({ signal }) => trpc.templates.gallery.query(undefined, { signal }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useInvalidateDashboards() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.dashboards });
}

/** Creates a dashboard from a gallery template. */
export function useInstantiateTemplate() {
  const invalidate = useInvalidateDashboards();
  return useMutation({
    mutationFn: (input: InstantiateInput) => trpc.templates.instantiate.mutate(input),
    onSuccess: invalidate,
  });
}

/** What importing a file would do; writes nothing (a POST only because the file may be large). */
export function useTemplateDryRun() {
  return useMutation({ mutationFn: (input: DryRunInput) => trpc.templates.dryRun.mutate(input) });
}

/** Creates (or replaces) a dashboard from a template file. */
export function useImportTemplate() {
  const invalidate = useInvalidateDashboards();
  return useMutation({ mutationFn: (input: ImportInput) => trpc.templates.import.mutate(input), onSuccess: invalidate });
}

/** Downloads a dashboard as a template file, named after the template. */
export function useExportTemplate() {
  return useMutation({
    mutationFn: async (id: string) => {
      const file = await trpc.templates.export.query({ id });
      downloadText(file.fileName, file.text, 'application/json');
      return file;
    },
  });
}
