import { ref } from 'vue';

/** What the submit needs from a form component (Element Plus' FormInstance fits). */
export interface ValidatableForm {
  validate(): Promise<unknown>;
}

/**
 * Submit handling for a validated form: validates first (a failed validation shows the field
 * messages and sends nothing), runs `task` once at a time, and hands any failure to `onError`.
 * `submitting` drives the button's spinner.
 */
export function useFormSubmit(
  form: { readonly value: ValidatableForm | undefined },
  task: () => Promise<void>,
  onError: (error: unknown) => void,
) {
  const submitting = ref(false);

  async function submit(): Promise<void> {
    const valid = await form.value?.validate().catch(() => false);
    if (!valid || submitting.value) return;
    submitting.value = true;
    try {
      await task();
    } catch (e) {
      onError(e);
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, submit };
}
