import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import StoryForm from './StoryForm.vue';

const CLUSTER = '11111111-1111-4111-8111-111111111111';
const STORY = {
  id: '22222222-2222-4222-8222-222222222222', title: 'Un atelier', body: 'Texte', photoUrl: null, photoAlt: null,
  photoUploaded: false, photoAlts: { fr: null, nl: null, en: null }, partners: [], publishedAt: '2026-01-01T00:00:00Z',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function mountForm() {
  return mount(StoryForm, {
    props: { clusterId: CLUSTER, partners: [] },
    global: { plugins: [i18n, [PrimeVue, { theme: 'none' }], ConfirmationService] },
    attachTo: document.body,
  });
}

async function choose(wrapper: ReturnType<typeof mountForm>, file: File): Promise<void> {
  const input = wrapper.get('#story-photo');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

const png = (size = 100) => new File([new Uint8Array(size)], 'atelier.png', { type: 'image/png' });

describe('StoryForm', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const { createObjectURL, revokeObjectURL } = URL;
  beforeEach(() => {
    applyLocale('fr');
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('refuses in the browser a file that is not a photo, or too large, and previews a good one', async () => {
    const wrapper = mountForm();
    await choose(wrapper, new File(['x'], 'notes.txt', { type: 'text/plain' }));
    expect(wrapper.get('#story-photo-error').text()).toBe('Seules les photos JPEG, PNG ou WebP sont acceptées.');
    expect(wrapper.find('[data-test="story-photo-preview"]').exists()).toBe(false);
    await choose(wrapper, png(6 * 1024 * 1024));
    expect(wrapper.get('#story-photo-error').text()).toContain('5');
    await choose(wrapper, png());
    expect(wrapper.find('#story-photo-error').exists()).toBe(false);
    expect(wrapper.get('[data-test="story-photo-preview"]').attributes('src')).toBe('blob:preview');
  });

  it('asks for the photo’s description in one language at least before sending anything', async () => {
    const wrapper = mountForm();
    await wrapper.get('#story-title').setValue('Un atelier');
    await wrapper.get('#story-body').setValue('Texte');
    await choose(wrapper, png());
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#story-photo-alt-fr-error').text()).toBe('Décrivez la photo dans au moins une langue.');
    expect(document.activeElement?.id).toBe('story-photo-alt-fr');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps a published story whose photo was refused, and then sends only the photo', async () => {
    fetchMock
      .mockResolvedValueOnce(json(STORY, 201))
      .mockResolvedValueOnce(json({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalide', requestId: 'r', details: [{ field: 'file', constraint: 'photoType', message: 'Seules les photos JPEG, PNG ou WebP sont acceptées.' }] }, 400))
      .mockResolvedValueOnce(json({ ...STORY, photoUploaded: true }));
    const wrapper = mountForm();
    await wrapper.get('#story-title').setValue('Un atelier');
    await wrapper.get('#story-body').setValue('Texte');
    await choose(wrapper, png());
    await wrapper.get('#story-photo-alt-nl').setValue('Een werkplaats');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fetchMock.mock.calls.map((call) => call[0])).toEqual([`/api/clusters/${CLUSTER}/stories`, `/api/clusters/${CLUSTER}/stories/${STORY.id}/photo`]);
    const sent = fetchMock.mock.calls[1][1]?.body as FormData;
    expect(sent.get('altNl')).toBe('Een werkplaats');
    expect(sent.has('altFr')).toBe(false);
    expect(wrapper.find('[data-test="story-photo-pending"]').exists()).toBe(true);
    expect(wrapper.get('#story-photo-error').text()).toBe('Seules les photos JPEG, PNG ou WebP sont acceptées.');
    expect(wrapper.emitted('published')).toHaveLength(1);

    await choose(wrapper, png());
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(fetchMock.mock.calls[2][0]).toBe(`/api/clusters/${CLUSTER}/stories/${STORY.id}/photo`);
    expect(wrapper.find('[data-test="story-photo-pending"]').exists()).toBe(false);
    expect(wrapper.emitted('published')).toHaveLength(2);
  });
});
