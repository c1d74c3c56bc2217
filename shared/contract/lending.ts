import { z } from 'zod';
import { channel } from './channel';
import { productCreateInput, productUpdateInput, productView } from '../lending/product';
import {
  borrower,
  borrowerCreateInput,
  borrowerGetInput,
  borrowerListInput,
  borrowerPage,
  borrowerUpdateInput,
} from '../lending/borrower';

export const lendingChannels = {
  'product.list': channel({ input: z.strictObject({}).default({}), output: z.array(productView), permission: 'session', mutates: false }),
  'product.create': channel({ input: productCreateInput, output: productView, permission: 'settings.write', mutates: true }),
  'product.update': channel({ input: productUpdateInput, output: productView, permission: 'settings.write', mutates: true }),
  'borrower.create': channel({
    input: borrowerCreateInput,
    output: borrower,
    permission: 'borrower.write',
    mutates: true,
  }),
  'borrower.update': channel({
    input: borrowerUpdateInput,
    output: borrower,
    permission: 'borrower.write',
    mutates: true,
  }),
  'borrower.get': channel({
    input: borrowerGetInput,
    output: borrower,
    permission: 'borrower.read',
    mutates: false,
  }),
  'borrower.list': channel({
    input: borrowerListInput,
    output: borrowerPage,
    permission: 'borrower.read',
    mutates: false,
  }),
};
