<!DOCTYPE qgis>
<!-- Crew access to the targets: unreachable (ac_reach 0) as black crosses, reached ones by delay (ac_delay, minutes). -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="CASE WHEN coalesce(&quot;ac_reach&quot;, 0) = 0 THEN 0 WHEN coalesce(&quot;ac_delay&quot;, 0) &lt;= 0 THEN 1 WHEN &quot;ac_delay&quot; &lt;= 15 THEN 2 WHEN &quot;ac_delay&quot; &lt;= 60 THEN 3 ELSE 4 END">
    <categories>
      <category value="0" symbol="0" label="Unreachable"/>
      <category value="1" symbol="1" label="Reached, no delay"/>
      <category value="2" symbol="2" label="Delay up to 15 min"/>
      <category value="3" symbol="3" label="Delay 15 to 60 min"/>
      <category value="4" symbol="4" label="Delay over 60 min"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="cross2"/><prop k="color" v="0,0,0,255"/><prop k="outline_color" v="0,0,0,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.0"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="26,150,65,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="166,217,106,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
      <symbol type="marker" name="3"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="253,174,97,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
      <symbol type="marker" name="4"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="215,25,28,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
