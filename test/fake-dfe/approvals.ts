// The approval the tests give the fake: this EPAO assesses ST0071 (LARS 278, 004 Section 1),
// versions 1.1 and 1.2, neither with course options.
export const ST0071_APPROVAL = {
  standardReference: 'ST0071',
  larsCode: 278,
  title: 'Customer Service Specialist',
  level: 3,
  versions: [
    { version: '1.1', options: [] },
    { version: '1.2', options: [] },
  ],
};
