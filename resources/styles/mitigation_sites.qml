<!DOCTYPE qgis>
<!-- Mitigation actions at sites (more back-up power): in the plan (mp_chosen = 1) a filled orange square, the others an orange outline. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="coalesce(&quot;mp_chosen&quot;, 0)">
    <categories>
      <category value="1" symbol="0" label="More back-up power at a site, in the plan"/>
      <category value="0" symbol="1" label="More back-up power at a site, not chosen"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="230,97,1,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="4.0"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="255,255,255,0"/><prop k="outline_color" v="230,97,1,255"/><prop k="outline_width" v="0.6"/><prop k="size" v="3.4"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
