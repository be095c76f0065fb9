import { z } from 'zod';
import { defineMessage } from '../catalog';
import { DescriptionSchema, ModelNameSchema, TagKeySchema, TagValueSchema } from './events';

// Every registry event carries modelId (the bus key and stream id) and the model's name at the time.
const ModelRef = { modelId: z.uuid(), name: ModelNameSchema };

export const RegisteredModelRenamed = defineMessage({
  type: 'RegisteredModelRenamed',
  schemaVersion: 1,
  description: 'A registered model took a new, free name; its id and history stay. `name` is the new name.',
  schema: z.object({ ...ModelRef, previousName: ModelNameSchema }),
});
export type RegisteredModelRenamedData = z.infer<typeof RegisteredModelRenamed.schema>;

export const RegisteredModelDescriptionUpdated = defineMessage({
  type: 'RegisteredModelDescriptionUpdated',
  schemaVersion: 1,
  description: "A registered model's description was replaced.",
  schema: z.object({ ...ModelRef, description: DescriptionSchema }),
});
export type RegisteredModelDescriptionUpdatedData = z.infer<typeof RegisteredModelDescriptionUpdated.schema>;

export const RegisteredModelTagSet = defineMessage({
  type: 'RegisteredModelTagSet',
  schemaVersion: 1,
  description: 'A tag of a registered model was set (created or overwritten).',
  schema: z.object({ ...ModelRef, key: TagKeySchema, value: TagValueSchema }),
});
export type RegisteredModelTagSetData = z.infer<typeof RegisteredModelTagSet.schema>;

export const RegisteredModelTagDeleted = defineMessage({
  type: 'RegisteredModelTagDeleted',
  schemaVersion: 1,
  description: 'A tag of a registered model was removed.',
  schema: z.object({ ...ModelRef, key: TagKeySchema }),
});
export type RegisteredModelTagDeletedData = z.infer<typeof RegisteredModelTagDeleted.schema>;

export const RegisteredModelDeleted = defineMessage({
  type: 'RegisteredModelDeleted',
  schemaVersion: 1,
  description:
    'A registered model was deleted: it answers "not found" and its name is free again; its events stay in the log.',
  schema: z.object(ModelRef),
});
export type RegisteredModelDeletedData = z.infer<typeof RegisteredModelDeleted.schema>;
