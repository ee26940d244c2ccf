import type { DeliveryChannel } from '../../core/channels.ts';
import type { Frequency } from '../../core/messaging/policy.ts';
import type { LinkProblem } from '../../core/use-cases/preferences/open-link.ts';
import type { FormProblem } from '../../core/use-cases/preferences/save.ts';
import type { Language } from '../shared/pages/language.ts';

export { type Language, languageFromHeader, languageOf } from '../shared/pages/language.ts';

interface Problem {
  readonly title: string;
  readonly text: string;
}

/** Every word the pages show, per language. Values are plain text: the templates escape them. */
export interface Copy {
  readonly title: string;
  readonly hello: (name: string) => string;
  readonly orderLegend: string;
  readonly orderHelp: string;
  readonly position: (n: number) => string;
  readonly allowLegend: string;
  readonly allowHelp: string;
  readonly channel: Readonly<Record<DeliveryChannel, string>>;
  readonly frequencyLegend: string;
  readonly frequency: Readonly<Record<Frequency, string>>;
  readonly topicsLegend: string;
  readonly topicsHelp: string;
  readonly save: string;
  readonly saved: string;
  readonly conflict: string;
  readonly formProblem: Readonly<Record<FormProblem, string>>;
  readonly unsubscribeTitle: string;
  readonly leaveTopic: (topic: string) => string;
  readonly leaveEmail: string;
  readonly unsubscribeButton: string;
  readonly leftTopic: (topic: string) => string;
  readonly leftEmail: string;
  readonly alreadyLeft: string;
  readonly choose: string;
  readonly linkProblem: Readonly<Record<LinkProblem | 'not-found' | 'bad-request', Problem>>;
  readonly failed: Problem;
}

const invalidEn: Problem = {
  title: 'This link is not valid',
  text: 'It may have been cut or changed on the way. Nothing was changed. Open the link in your most recent message from us.',
};
const invalidEs: Problem = {
  title: 'Este enlace no es válido',
  text: 'Puede que se haya cortado o modificado. No se cambió nada. Abre el enlace de nuestro mensaje más reciente.',
};

export const COPY: Readonly<Record<Language, Copy>> = {
  en: {
    title: 'Your message preferences',
    hello: (name) => `Hello ${name}, choose how and how often we contact you.`,
    orderLegend: 'The order we try your channels in',
    orderHelp: 'We use the first channel you allow that can reach you.',
    position: (n) => `Choice ${n}`,
    allowLegend: 'Channels you allow',
    allowHelp: 'We never contact you on a channel you do not allow.',
    channel: {
      email: 'Email',
      sms: 'Text message (SMS)',
      phone: 'A call from your advisor',
      visit: 'A visit from your advisor',
    },
    frequencyLegend: 'How often you want offers and news',
    frequency: {
      any: 'Whenever there is something for me',
      weekly: 'At most once a week',
      monthly: 'At most once a month',
    },
    topicsLegend: 'Topics',
    topicsHelp: 'Uncheck a topic to stop receiving it.',
    save: 'Save my preferences',
    saved: 'Your preferences were saved.',
    conflict: 'Your preferences changed while this page was open. Check them and save again.',
    formProblem: {
      'order-repeats': 'Choose each channel only once in the order.',
      unexpected: 'The form did not match your current choices. Check them and save again.',
    },
    unsubscribeTitle: 'Unsubscribe',
    leaveTopic: (topic) => `Stop receiving “${topic}”?`,
    leaveEmail: 'Stop receiving emails from us?',
    unsubscribeButton: 'Unsubscribe',
    leftTopic: (topic) => `You will no longer receive “${topic}”.`,
    leftEmail: 'You will no longer receive emails from us.',
    alreadyLeft: 'You had already unsubscribed: nothing else to do.',
    choose: 'Choose what you receive instead',
    linkProblem: {
      malformed: invalidEn,
      tampered: invalidEn,
      'wrong-purpose': invalidEn,
      'bad-request': invalidEn,
      expired: {
        title: 'This link has expired',
        text: 'Links in our messages work for a limited time. Nothing was changed. Open the link in a more recent message from us.',
      },
      'customer-not-found': {
        title: 'We could not find your details',
        text: 'This link belongs to details we no longer keep. Nothing was changed.',
      },
      'not-found': { title: 'Page not found', text: 'There is nothing at this address.' },
    },
    failed: {
      title: 'Something went wrong',
      text: 'Your request could not be completed. Please try again in a few minutes.',
    },
  },
  es: {
    title: 'Tus preferencias de mensajes',
    hello: (name) => `Hola ${name}, elige cómo y con qué frecuencia te contactamos.`,
    orderLegend: 'El orden en que usamos tus canales',
    orderHelp: 'Usamos el primer canal que permitas y que pueda llegarte.',
    position: (n) => `Opción ${n}`,
    allowLegend: 'Canales que permites',
    allowHelp: 'Nunca te contactamos por un canal que no permitas.',
    channel: {
      email: 'Correo electrónico',
      sms: 'Mensaje de texto (SMS)',
      phone: 'Una llamada de tu asesor',
      visit: 'Una visita de tu asesor',
    },
    frequencyLegend: 'Con qué frecuencia quieres ofertas y novedades',
    frequency: {
      any: 'Cuando haya algo para mí',
      weekly: 'Como máximo una vez por semana',
      monthly: 'Como máximo una vez al mes',
    },
    topicsLegend: 'Temas',
    topicsHelp: 'Desmarca un tema para dejar de recibirlo.',
    save: 'Guardar mis preferencias',
    saved: 'Tus preferencias se guardaron.',
    conflict:
      'Tus preferencias cambiaron mientras esta página estaba abierta. Revísalas y guarda de nuevo.',
    formProblem: {
      'order-repeats': 'Elige cada canal una sola vez en el orden.',
      unexpected:
        'El formulario no coincide con tus opciones actuales. Revísalas y guarda de nuevo.',
    },
    unsubscribeTitle: 'Cancelar suscripción',
    leaveTopic: (topic) => `¿Dejar de recibir «${topic}»?`,
    leaveEmail: '¿Dejar de recibir nuestros correos?',
    unsubscribeButton: 'Cancelar suscripción',
    leftTopic: (topic) => `Ya no recibirás «${topic}».`,
    leftEmail: 'Ya no recibirás nuestros correos.',
    alreadyLeft: 'Ya habías cancelado la suscripción: no hay nada más que hacer.',
    choose: 'Elige qué quieres recibir',
    linkProblem: {
      malformed: invalidEs,
      tampered: invalidEs,
      'wrong-purpose': invalidEs,
      'bad-request': invalidEs,
      expired: {
        title: 'Este enlace caducó',
        text: 'Los enlaces de nuestros mensajes funcionan por un tiempo limitado. No se cambió nada. Abre el enlace de un mensaje más reciente.',
      },
      'customer-not-found': {
        title: 'No encontramos tus datos',
        text: 'Este enlace corresponde a datos que ya no guardamos. No se cambió nada.',
      },
      'not-found': { title: 'Página no encontrada', text: 'No hay nada en esta dirección.' },
    },
    failed: {
      title: 'Algo salió mal',
      text: 'No pudimos completar tu solicitud. Inténtalo de nuevo en unos minutos.',
    },
  },
};
