/**
 * A new customer at the till: name, phone, optional e-mail; the generated card number and the default
 * tier are shown and can be changed before saving. The focused field is edited on the entry line.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Fmt } from '../selectors.js';
import type { CustomerForm, FormField } from '../input/state.js';
import { FORM_FIELDS } from '../input/state.js';
import { padEnd, width as cols } from '../text.js';

export interface NewCustomerFormProps {
  form: CustomerForm;
  tierName: (id: string | null) => string;
  fmt: Fmt;
  width: number;
  height: number;
}

export function NewCustomerForm({ form, tierName, fmt, width, height }: NewCustomerFormProps) {
  const labelW = Math.max(...FORM_FIELDS.map((f) => cols(fmt.t(`ui.form.${f}`)))) + 3;
  const value = (f: FormField): { text: string; note: string } => {
    if (f === 'tier') return { text: form.tier === null ? fmt.t('ui.form.noTiers') : `< ${fmt.text(tierName(form.tier))} >`, note: form.tiers.length > 1 ? fmt.t('ui.form.tierNote') : '' };
    if (f === 'card') return { text: form.card, note: form.cardEdited ? '' : fmt.t('ui.form.cardNote') };
    if (f === 'email') return { text: form.email, note: form.email ? '' : fmt.t('ui.form.optional') };
    return { text: fmt.text(form[f]), note: '' };
  };
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold inverse wrap="truncate">
        {padEnd(fmt.t('ui.form.title'), width, fmt.ascii)}
      </Text>
      <Text> </Text>
      {FORM_FIELDS.map((f) => {
        const v = value(f);
        const focused = f === form.focus;
        return (
          <Text key={f} wrap="truncate">
            <Text bold={focused}>{padEnd((focused ? (fmt.ascii ? '> ' : '▶ ') : '  ') + fmt.t(`ui.form.${f}`), labelW, fmt.ascii)}</Text>
            <Text inverse={focused}>{` ${v.text} `}</Text>
            <Text dimColor>{v.note ? `  ${v.note}` : ''}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      <Text dimColor wrap="truncate">
        {form.saving ? fmt.t('ui.form.saving') : fmt.t('ui.form.help')}
      </Text>
    </Box>
  );
}
