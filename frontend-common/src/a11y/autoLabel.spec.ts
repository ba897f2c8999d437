import { describe, expect, it } from 'vitest';
import { labelControls } from './autoLabel';

describe('labelControls', () => {
  it('names controls from their column header + row, form item label or placeholder; keeps existing names', () => {
    document.body.innerHTML = `
      <table><thead><tr><th>Level</th><th><div class="cell">Price</div></th></tr></thead>
        <tbody><tr><td>VIP2</td><td><input id="p"></td></tr></tbody></table>
      <div class="el-form-item"><label class="el-form-item__label">From</label><div><input id="f"></div></div>
      <input id="q" placeholder="Search name">
      <input id="named" aria-label="Mine" placeholder="x">
      <div class="el-select"><span class="el-select__placeholder">Role</span><input id="s" role="combobox"></div>
      <div class="el-table__body-wrapper"><div class="el-scrollbar__wrap" id="w"></div></div>`;
    labelControls(document.body);
    const name = (id: string) => document.getElementById(id)!.getAttribute('aria-label');
    expect(name('p')).toBe('Price VIP2');
    expect(name('f')).toBe('From');
    expect(name('q')).toBe('Search name');
    expect(name('named')).toBe('Mine');
    expect(name('s')).toBe('Role');
    expect(document.getElementById('w')!.getAttribute('tabindex')).toBe('0');
  });
});
