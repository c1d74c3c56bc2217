import { channel } from './channel';
import {
  borrower,
  borrowerCreateInput,
  borrowerGetInput,
  borrowerListInput,
  borrowerPage,
  borrowerUpdateInput,
} from '../lending/borrower';

export const lendingChannels = {
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
