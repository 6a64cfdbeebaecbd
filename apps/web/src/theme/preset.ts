import { definePreset } from '@primeuix/themes';
import AuraBase from '@primeuix/themes/aura/base';
import AuraAutocomplete from '@primeuix/themes/aura/autocomplete';
import AuraBadge from '@primeuix/themes/aura/badge';
import AuraButton from '@primeuix/themes/aura/button';
import AuraCard from '@primeuix/themes/aura/card';
import AuraCheckbox from '@primeuix/themes/aura/checkbox';
import AuraChip from '@primeuix/themes/aura/chip';
import AuraConfirmdialog from '@primeuix/themes/aura/confirmdialog';
import AuraDatatable from '@primeuix/themes/aura/datatable';
import AuraDatepicker from '@primeuix/themes/aura/datepicker';
import AuraDialog from '@primeuix/themes/aura/dialog';
import AuraDivider from '@primeuix/themes/aura/divider';
import AuraFieldset from '@primeuix/themes/aura/fieldset';
import AuraFileupload from '@primeuix/themes/aura/fileupload';
import AuraIconfield from '@primeuix/themes/aura/iconfield';
import AuraInputgroup from '@primeuix/themes/aura/inputgroup';
import AuraInputnumber from '@primeuix/themes/aura/inputnumber';
import AuraInputtext from '@primeuix/themes/aura/inputtext';
import AuraMenu from '@primeuix/themes/aura/menu';
import AuraMessage from '@primeuix/themes/aura/message';
import AuraMultiselect from '@primeuix/themes/aura/multiselect';
import AuraPaginator from '@primeuix/themes/aura/paginator';
import AuraPassword from '@primeuix/themes/aura/password';
import AuraPopover from '@primeuix/themes/aura/popover';
import AuraProgressbar from '@primeuix/themes/aura/progressbar';
import AuraProgressspinner from '@primeuix/themes/aura/progressspinner';
import AuraRadiobutton from '@primeuix/themes/aura/radiobutton';
import AuraRipple from '@primeuix/themes/aura/ripple';
import AuraSelect from '@primeuix/themes/aura/select';
import AuraSelectbutton from '@primeuix/themes/aura/selectbutton';
import AuraSkeleton from '@primeuix/themes/aura/skeleton';
import AuraTabs from '@primeuix/themes/aura/tabs';
import AuraTag from '@primeuix/themes/aura/tag';
import AuraTextarea from '@primeuix/themes/aura/textarea';
import AuraToast from '@primeuix/themes/aura/toast';
import AuraToggleswitch from '@primeuix/themes/aura/toggleswitch';
import AuraTooltip from '@primeuix/themes/aura/tooltip';
import AuraVirtualscroller from '@primeuix/themes/aura/virtualscroller';

/**
 * The Aura tokens of the PrimeVue components the app uses (and of the components those
 * render inside: Button shows a Badge). The full Aura preset carries every component and
 * would add ~20 kB gzip to the first download; this list is the set of form, table, overlay
 * and feedback components the product's pages draw on; preset.spec.ts fails when a component
 * imported from `primevue/*` has no tokens here.
 */
export const AURA_COMPONENTS = {
  autocomplete: AuraAutocomplete,
  badge: AuraBadge,
  button: AuraButton,
  card: AuraCard,
  checkbox: AuraCheckbox,
  chip: AuraChip,
  confirmdialog: AuraConfirmdialog,
  datatable: AuraDatatable,
  datepicker: AuraDatepicker,
  dialog: AuraDialog,
  divider: AuraDivider,
  fieldset: AuraFieldset,
  fileupload: AuraFileupload,
  iconfield: AuraIconfield,
  inputgroup: AuraInputgroup,
  inputnumber: AuraInputnumber,
  inputtext: AuraInputtext,
  menu: AuraMenu,
  message: AuraMessage,
  multiselect: AuraMultiselect,
  paginator: AuraPaginator,
  password: AuraPassword,
  popover: AuraPopover,
  progressbar: AuraProgressbar,
  progressspinner: AuraProgressspinner,
  radiobutton: AuraRadiobutton,
  ripple: AuraRipple,
  select: AuraSelect,
  selectbutton: AuraSelectbutton,
  skeleton: AuraSkeleton,
  tabs: AuraTabs,
  tag: AuraTag,
  textarea: AuraTextarea,
  toast: AuraToast,
  toggleswitch: AuraToggleswitch,
  tooltip: AuraTooltip,
  virtualscroller: AuraVirtualscroller,
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
 * Message, Tag and Toast paint 500–700 text on 50/100 backgrounds: their text shades are
 * darkened below; the browser tests' axe audit catches what is missed.
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
    message: {
      colorScheme: {
        light: {
          info: { color: '{blue.800}', outlined: { color: '{blue.800}', borderColor: '{blue.700}' }, simple: { color: '{blue.800}' } },
          success: { color: '{green.800}', outlined: { color: '{green.800}', borderColor: '{green.700}' }, simple: { color: '{green.800}' } },
          warn: { color: '{yellow.900}', outlined: { color: '{yellow.900}', borderColor: '{yellow.800}' }, simple: { color: '{yellow.900}' } },
          error: { color: '{red.800}', outlined: { color: '{red.800}', borderColor: '{red.700}' }, simple: { color: '{red.800}' } },
          secondary: { color: '{surface.700}', outlined: { color: '{surface.700}', borderColor: '{surface.600}' }, simple: { color: '{surface.700}' } },
        },
      },
    },
    toast: {
      colorScheme: {
        light: {
          info: { color: '{blue.800}', detailColor: '{surface.800}' },
          success: { color: '{green.800}', detailColor: '{surface.800}' },
          warn: { color: '{yellow.900}', detailColor: '{surface.800}' },
          error: { color: '{red.800}', detailColor: '{surface.800}' },
          secondary: { color: '{surface.700}', detailColor: '{surface.800}' },
        },
      },
    },
    tag: {
      colorScheme: {
        light: {
          primary: { background: '{primary.100}', color: '{primary.900}' },
          secondary: { background: '{surface.100}', color: '{surface.800}' },
          success: { background: '{green.100}', color: '{green.900}' },
          info: { background: '{sky.100}', color: '{sky.900}' },
          warn: { background: '{orange.100}', color: '{orange.900}' },
          danger: { background: '{red.100}', color: '{red.900}' },
        },
      },
    },
    button: {
      colorScheme: {
        light: {
          root: {
            secondary: { color: '{surface.700}', hoverColor: '{surface.800}', activeColor: '{surface.900}' },
            // Aura's red.500 fills give white text 3.8:1; red.700 gives 6.5:1.
            danger: {
              background: '{red.700}', hoverBackground: '{red.800}', activeBackground: '{red.900}',
              borderColor: '{red.700}', hoverBorderColor: '{red.800}', activeBorderColor: '{red.900}',
              focusRing: { color: '{red.700}', shadow: 'none' },
            },
          },
          text: {
            secondary: { color: '{surface.700}' },
            danger: { color: '{red.700}' },
          },
          outlined: {
            secondary: { color: '{surface.700}', borderColor: '{surface.500}' },
            danger: { color: '{red.700}', borderColor: '{red.700}' },
          },
        },
      },
    },
  },
});
