<!DOCTYPE qgis>
<!-- Failed nodes by the hour their repair ends (rs_done_h): soon in yellow, then darker red the later; never repaired a black cross. The same classes as restoration_jobs. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="coalesce(&quot;rs_done_h&quot;, 1000000000)" graduatedMethod="GraduatedColor">
    <ranges>
      <range lower="0" upper="6" symbol="0" label="Repaired within 6 h"/>
      <range lower="6" upper="24" symbol="1" label="Repaired in 6 to 24 h"/>
      <range lower="24" upper="72" symbol="2" label="Repaired in 1 to 3 days"/>
      <range lower="72" upper="999999999" symbol="3" label="Repaired after 3 days"/>
      <range lower="999999999" upper="1000000000" symbol="4" label="Never repaired"/>
    </ranges>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="254,204,92,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.6"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="253,141,60,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.8"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="227,26,28,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.0"/></layer></symbol>
      <symbol type="marker" name="3"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="128,0,38,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.2"/></layer></symbol>
      <symbol type="marker" name="4"><layer class="SimpleMarker"><prop k="name" v="cross2"/><prop k="color" v="0,0,0,255"/><prop k="outline_color" v="0,0,0,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.2"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
