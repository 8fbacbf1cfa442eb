<!DOCTYPE qgis>
<!-- Active sites by hours without power (pw_dark_h): never dark in green, then darker red the longer. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="coalesce(&quot;pw_dark_h&quot;, 0)" graduatedMethod="GraduatedColor">
    <ranges>
      <range lower="0" upper="0" symbol="0" label="Never without power"/>
      <range lower="0" upper="2" symbol="1" label="Without power up to 2 h"/>
      <range lower="2" upper="6" symbol="2" label="Without power 2 to 6 h"/>
      <range lower="6" upper="24" symbol="3" label="Without power 6 to 24 h"/>
      <range lower="24" upper="1000000000" symbol="4" label="Without power over 24 h"/>
    </ranges>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="26,150,65,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.0"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="254,204,92,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.4"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="253,141,60,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.8"/></layer></symbol>
      <symbol type="marker" name="3"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="227,26,28,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="4.2"/></layer></symbol>
      <symbol type="marker" name="4"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="128,0,38,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="4.6"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
