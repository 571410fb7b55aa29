test('smoke', () => { expect(1).toBe(1); });
