import * as z from 'zod';

export const PublisherConfig = z.object({ RAPPORT_EVENT_BUS_NAME: z.string().min(1) });
export type PublisherConfig = z.infer<typeof PublisherConfig>;
