import type { LinkProblem } from '../../core/use-cases/preferences/open-link.ts';
import type { Language } from '../shared/pages/language.ts';

interface Problem {
  readonly title: string;
  readonly text: string;
}

/**
 * The page's own words per language; the question and its labels come from workflows/surveys.yaml
 * (marketing ops edit those). Values are plain text: the templates escape them.
 */
export interface SurveyCopy {
  readonly title: string;
  readonly scoreHelp: string;
  readonly scoreButton: (
    score: number,
    low: string,
    high: string,
    first: number,
    last: number,
  ) => string;
  readonly commentHelp: string;
  readonly previous: (score: number) => string;
  readonly recorded: (score: number) => string;
  readonly sendComment: string;
  readonly commentReceived: string;
  readonly change: string;
  readonly invalidScore: string;
  readonly invalidComment: (max: number) => string;
  readonly linkProblem: Readonly<Record<LinkProblem | 'not-found', Problem>>;
  readonly failed: Problem;
}

const invalidEn: Problem = {
  title: 'This link is not valid',
  text: 'It may have been cut or changed on the way. Nothing was recorded. Open the link in the survey email we sent you.',
};
const invalidEs: Problem = {
  title: 'Este enlace no es válido',
  text: 'Puede que se haya cortado o modificado. No se registró nada. Abre el enlace del correo de la encuesta que te enviamos.',
};

export const SURVEY_COPY: Readonly<Record<Language, SurveyCopy>> = {
  en: {
    title: 'Your opinion',
    scoreHelp: 'Choose a score: one click sends it. You can write a comment first.',
    scoreButton: (score, low, high, first, last) =>
      score === first ? `${score} (${low})` : score === last ? `${score} (${high})` : `${score}`,
    commentHelp: 'Optional. Up to 2,000 characters.',
    previous: (score) => `You already answered ${score}. Choosing again replaces your answer.`,
    recorded: (score) => `We recorded your score: ${score}.`,
    sendComment: 'Send comment',
    commentReceived: 'We received your comment.',
    change: 'Change my answer',
    invalidScore: 'Choose one of the scores shown.',
    invalidComment: (max) =>
      `The comment could not be kept: use plain text, at most ${max} characters.`,
    linkProblem: {
      malformed: invalidEn,
      tampered: invalidEn,
      'wrong-purpose': invalidEn,
      expired: {
        title: 'This survey has closed',
        text: 'Survey links work for a limited time. Nothing was recorded. Thank you all the same.',
      },
      'customer-not-found': {
        title: 'We could not find your details',
        text: 'This link belongs to details we no longer keep. Nothing was recorded.',
      },
      'not-found': { title: 'Page not found', text: 'There is nothing at this address.' },
    },
    failed: {
      title: 'Something went wrong',
      text: 'Your answer could not be recorded. Please try again in a few minutes.',
    },
  },
  es: {
    title: 'Tu opinión',
    scoreHelp: 'Elige una puntuación: un clic la envía. Puedes escribir un comentario antes.',
    scoreButton: (score, low, high, first, last) =>
      score === first ? `${score} (${low})` : score === last ? `${score} (${high})` : `${score}`,
    commentHelp: 'Opcional. Hasta 2.000 caracteres.',
    previous: (score) => `Ya respondiste ${score}. Si eliges otra vez, se reemplaza tu respuesta.`,
    recorded: (score) => `Registramos tu puntuación: ${score}.`,
    sendComment: 'Enviar comentario',
    commentReceived: 'Recibimos tu comentario.',
    change: 'Cambiar mi respuesta',
    invalidScore: 'Elige una de las puntuaciones que se muestran.',
    invalidComment: (max) =>
      `No pudimos guardar el comentario: usa texto simple, máximo ${max} caracteres.`,
    linkProblem: {
      malformed: invalidEs,
      tampered: invalidEs,
      'wrong-purpose': invalidEs,
      expired: {
        title: 'Esta encuesta ya cerró',
        text: 'Los enlaces de las encuestas funcionan por un tiempo limitado. No se registró nada. Gracias de todos modos.',
      },
      'customer-not-found': {
        title: 'No encontramos tus datos',
        text: 'Este enlace corresponde a datos que ya no guardamos. No se registró nada.',
      },
      'not-found': { title: 'Página no encontrada', text: 'No hay nada en esta dirección.' },
    },
    failed: {
      title: 'Algo salió mal',
      text: 'No pudimos registrar tu respuesta. Inténtalo de nuevo en unos minutos.',
    },
  },
};
