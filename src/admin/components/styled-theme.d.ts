import type { Theme } from '@adminjs/design-system';

// styled() hands every template the AdminJS theme: typing it here types `props.theme` in all of them.
declare module 'styled-components' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefaultTheme extends Theme {}
}
