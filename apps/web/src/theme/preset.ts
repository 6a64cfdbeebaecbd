import { definePreset } from '@primeuix/themes';
import AuraBase from '@primeuix/themes/aura/base';
import AuraBadge from '@primeuix/themes/aura/badge';
import AuraButton from '@primeuix/themes/aura/button';
import AuraRipple from '@primeuix/themes/aura/ripple';

/**
 * The Aura tokens of the PrimeVue components the app uses (and of the components those
 * render inside: Button shows a Badge). The full Aura preset carries every component and
 * would add ~20 kB gzip to the first download; preset.spec.ts fails when a component
 * imported from `primevue/*` has no tokens here.
 */
export const AURA_COMPONENTS = {
  badge: AuraBadge,
  button: AuraButton,
  ripple: AuraRipple,
};

const Aura = { ...AuraBase, components: AURA_COMPONENTS };

/** The Equipôle teal; 700 is the primary colour (7.4:1 on white). */
const teal = {
  50: '#effafa',
  100: '#d4efef',
  200: '#aadfe0',
  300: '#77c6c9',
  400: '#45a7ab',
  500: '#2a8b90',
  600: '#1d7278',
  700: '#0f5f66',
  800: '#104c52',
  900: '#113f44',
  950: '#05262a',
};

/**
 * Aura with the Equipôle teal and darker shades wherever Aura's defaults fall below
 * WCAG 2.2 AA contrast (4.5:1 for text): Aura paints text in the 500/600 shades.
 * Components added later need the same care (Message, Tag, Toast use 500/600 text on
 * 50/100 backgrounds); the browser tests' axe audit catches what is missed.
 */
export const EquipolePreset = definePreset(Aura, {
  semantic: {
    primary: teal,
    focusRing: { width: '2px', style: 'solid', color: '{primary.color}', offset: '2px', shadow: 'none' },
    colorScheme: {
      light: {
        primary: { color: '{primary.700}', contrastColor: '#ffffff', hoverColor: '{primary.800}', activeColor: '{primary.900}' },
        highlight: { background: '{primary.50}', focusBackground: '{primary.100}', color: '{primary.800}', focusColor: '{primary.900}' },
        text: { color: '{surface.800}', hoverColor: '{surface.900}', mutedColor: '{surface.600}', hoverMutedColor: '{surface.700}' },
        formField: { placeholderColor: '{surface.600}', floatLabelColor: '{surface.600}', floatLabelActiveColor: '{surface.600}', floatLabelFocusColor: '{primary.700}', borderColor: '{surface.500}', hoverBorderColor: '{surface.600}' },
      },
    },
  },
  components: {
    button: {
      colorScheme: {
        light: {
          root: {
            secondary: { color: '{surface.700}', hoverColor: '{surface.800}', activeColor: '{surface.900}' },
          },
          text: {
            secondary: { color: '{surface.700}' },
          },
          outlined: {
            secondary: { color: '{surface.700}', borderColor: '{surface.500}' },
          },
        },
      },
    },
  },
});
