<!DOCTYPE qgis>
<!-- Scenario impact (im_failed, im_cut): failed assets dark red, cut off orange, served grey. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="CASE WHEN &quot;im_failed&quot; = 1 THEN 2 WHEN &quot;im_cut&quot; = 1 THEN 1 ELSE 0 END">
    <categories>
      <category value="0" symbol="0" label="Served"/>
      <category value="1" symbol="1" label="Cut off"/>
      <category value="2" symbol="2" label="Failed"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="160,160,160,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.2"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="245,133,24,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.8"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="127,0,0,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.0"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
