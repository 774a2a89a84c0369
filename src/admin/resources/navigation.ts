/** Every plugin resource sits in one navigation group; its label is translated from locales/. */
export const WHATSAPP_NAVIGATION = { name: 'WhatsApp', icon: 'MessageCircle' };
