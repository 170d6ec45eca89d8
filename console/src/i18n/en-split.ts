import type { zhSplit } from './zh-split';

/** English for the journey split node (A/B split); every key of zh-split.ts. */
export const enSplit: typeof zhSplit = {
  'journey.node.split': 'A/B split',
  'split.hint':
    'Sends the customers who arrive down the branches at random by percentage, to compare variants. Each run is fixed to one branch by its run id: retried or resumed, it takes the same branch.',
  'split.branch': 'Branch',
  'split.percent': 'Share',
  'split.branchLabel': 'Branch {n} name',
  'split.branchPercent': 'Branch {n} share (%)',
  'split.removeBranch': 'Remove branch {n}',
  'split.addBranch': 'Add branch',
  'split.even': 'Split evenly',
  'split.sumOk': 'Total {sum}%',
  'split.sumLow': 'Total {sum}%: {gap}% short (must be exactly 100%)',
  'split.sumHigh': 'Total {sum}%: {gap}% over (must be exactly 100%)',
  'split.unlinked': 'Not linked: drag from this branch’s dot under the node to the next node',
  'split.zeroHint': 'Nobody enters a 0% branch',
  'split.took': 'This run took branch “{label}” ({percent}%)',
  'split.summary': '{n} groups by share',
  'split.caption': '{count} · {percent}%',
  'split.runs': '{count} runs',
};
