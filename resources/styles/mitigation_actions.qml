<!DOCTYPE qgis>
<!-- Mitigation actions by kind (mp_kind): in the plan (mp_chosen = 1) bold, the others thin and dashed. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="concat(&quot;mp_kind&quot;, '/', coalesce(&quot;mp_chosen&quot;, 0))">
    <categories>
      <category value="loop/1" symbol="0" label="New loop, in the plan"/>
      <category value="bury/1" symbol="1" label="Burial, in the plan"/>
      <category value="candidate/1" symbol="2" label="Operator's project, in the plan"/>
      <category value="autonomy/1" symbol="6" label="More back-up power at a site (ring), in the plan"/>
      <category value="loop/0" symbol="3" label="New loop, not chosen"/>
      <category value="bury/0" symbol="4" label="Burial, not chosen"/>
      <category value="candidate/0" symbol="5" label="Operator's project, not chosen"/>
      <category value="autonomy/0" symbol="7" label="More back-up power at a site (ring), not chosen"/>
    </categories>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="26,150,65,255"/><prop k="line_width" v="1.2"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="1"><layer class="SimpleLine"><prop k="line_color" v="44,123,182,255"/><prop k="line_width" v="1.2"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="2"><layer class="SimpleLine"><prop k="line_color" v="123,50,148,255"/><prop k="line_width" v="1.2"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="3"><layer class="SimpleLine"><prop k="line_color" v="26,150,65,255"/><prop k="line_width" v="0.4"/><prop k="capstyle" v="round"/><prop k="line_style" v="dash"/></layer></symbol>
      <symbol type="line" name="4"><layer class="SimpleLine"><prop k="line_color" v="44,123,182,255"/><prop k="line_width" v="0.4"/><prop k="capstyle" v="round"/><prop k="line_style" v="dash"/></layer></symbol>
      <symbol type="line" name="5"><layer class="SimpleLine"><prop k="line_color" v="123,50,148,255"/><prop k="line_width" v="0.4"/><prop k="capstyle" v="round"/><prop k="line_style" v="dash"/></layer></symbol>
      <symbol type="line" name="6"><layer class="SimpleLine"><prop k="line_color" v="230,97,1,255"/><prop k="line_width" v="1.2"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="7"><layer class="SimpleLine"><prop k="line_color" v="230,97,1,255"/><prop k="line_width" v="0.4"/><prop k="capstyle" v="round"/><prop k="line_style" v="dash"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
