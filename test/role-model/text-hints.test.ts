import { textHints } from '../../src/role-model/template';

describe('textHints', () => {
  test('a plain text gives each hint by what it names', () => {
    expect(textHints('{"Resources":{"S":{"Type":"AWS::SSO::PermissionSet","Properties":{"X":{"Fn::Split":[",","a"]}}}}}')).toEqual({
      namesSplit: true, namesTransform: false, namesCfnJson: false, namesPermissionSet: true,
    });
  });

  test.each([
    ['JSON\'s \\u', '{"Type":"AWS::SSO::Permission\\u0053et"}'],
    ['YAML\'s \\x', 'Type: "AWS::SSO::Permission\\x53et"'],
    ['YAML\'s \\U', 'Type: "AWS::SSO::Permission\\U00000053et"'],
    ['an escape after an escaped backslash', '{"A":"\\\\\\u0053plit"}'],
  ])('an escaped character (%s) gives no hint: the model walks the template', (_, text) => {
    expect(textHints(text)).toEqual({});
  });

  test('an escaped backslash before a u is no escape of the u: the hints hold', () => {
    // the JSON text "C:\\users" is the string C:\users, which spells nothing
    expect(textHints('{"A":"C:\\\\users","B":"\\n"}')).toEqual({ namesSplit: false, namesTransform: false, namesCfnJson: false, namesPermissionSet: false });
  });
});
