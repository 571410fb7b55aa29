import { hasPlaceholder, renderList, renderString, UNKNOWN } from '../../src/role-model/cfn-value';

describe('renderString', () => {
  test('keeps literals and writes pseudo parameters and references as placeholders', () => {
    expect(renderString('arn:aws:iam::111122223333:root')).toBe('arn:aws:iam::111122223333:root');
    expect(renderString(3600)).toBe('3600');
    expect(renderString({ Ref: 'AWS::Partition' })).toBe('{{cfn:AWS::Partition}}');
    expect(renderString({ Ref: 'Bucket' })).toBe('{{cfn:Ref:Bucket}}');
    expect(renderString({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('{{cfn:GetAtt:Role.Arn}}');
    expect(renderString({ 'Fn::GetAtt': 'Role.Arn' })).toBe('{{cfn:GetAtt:Role.Arn}}');
  });

  test('joins Fn::Join parts, keeping what is known', () => {
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
    expect(renderString(arn)).toBe('arn:{{cfn:AWS::Partition}}:iam::{{cfn:AWS::AccountId}}:root');
  });

  test('substitutes Fn::Sub variables and keeps escaped IAM policy variables literal', () => {
    expect(renderString({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${!aws:username}/*' }))
      .toBe('arn:{{cfn:AWS::Partition}}:s3:::{{cfn:Ref:Bucket}}/${aws:username}/*');
    expect(renderString({ 'Fn::Sub': ['${Name}-${Role.Arn}', { Name: 'x' }] })).toBe('x-{{cfn:GetAtt:Role.Arn}}');
  });

  test('selects from literal lists and gives up on the rest', () => {
    expect(renderString({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
    expect(renderString({ 'Fn::Select': [5, ['a']] })).toBe(UNKNOWN);
    expect(renderString({ 'Fn::ImportValue': 'Shared' })).toBe(UNKNOWN);
    expect(renderString({ 'Fn::FindInMap': ['SignIn', { Ref: 'AWS::Partition' }, 'audience'] })).toBe('{{cfn:FindInMap:SignIn}}');
    expect(renderString({ 'Fn::Join': ['', { Ref: 'List' }] })).toBe(UNKNOWN);
  });

  test('returns undefined for structures that are not values', () => {
    expect(renderString({ a: 1, b: 2 })).toBeUndefined();
    expect(renderString(['a'])).toBeUndefined();
    expect(renderString(null)).toBeUndefined();
  });
});

describe('renderList', () => {
  test('reads a scalar, a list, and unknown list intrinsics', () => {
    expect(renderList('a')).toEqual(['a']);
    expect(renderList(['a', { Ref: 'B' }])).toEqual(['a', '{{cfn:Ref:B}}']);
    expect(renderList({ 'Fn::Split': [',', 'a,b'] })).toEqual([UNKNOWN]);
    expect(renderList(undefined)).toEqual([]);
  });

  test('marks placeholders', () => {
    expect(hasPlaceholder('{{cfn:Ref:B}}')).toBe(true);
    expect(hasPlaceholder('${aws:username}')).toBe(false);
  });
});
